//! A few lines of SVG writing: escaped text, and elements as strings.

use std::fmt::Write as _;

/// Escapes text for XML content and attribute values.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

/// An SVG document under construction.
pub(crate) struct Svg {
    body: String,
    width: f64,
    height: f64,
}

impl Svg {
    pub(crate) fn new(width: f64, height: f64) -> Svg {
        Svg {
            body: String::new(),
            width,
            height,
        }
    }

    /// The chart's title, in bold at the top, from `x`.
    pub(crate) fn title(&mut self, x: f64, title: &str) {
        let bold = format!(
            r#"font-size="16" font-weight="bold" fill="{}""#,
            super::charts::INK
        );
        self.text(x, 28.0, "start", &bold, title);
    }

    /// A rectangle; `attributes` are written as they are (already escaped).
    pub(crate) fn rect(&mut self, x: f64, y: f64, width: f64, height: f64, attributes: &str) {
        let _ = writeln!(
            self.body,
            r#"<rect x="{x:.1}" y="{y:.1}" width="{:.1}" height="{:.1}" {attributes}/>"#,
            width.max(0.0),
            height.max(0.0)
        );
    }

    pub(crate) fn line(&mut self, x1: f64, y1: f64, x2: f64, y2: f64, attributes: &str) {
        let _ = writeln!(
            self.body,
            r#"<line x1="{x1:.1}" y1="{y1:.1}" x2="{x2:.1}" y2="{y2:.1}" {attributes}/>"#
        );
    }

    pub(crate) fn polyline(&mut self, points: &[(f64, f64)], attributes: &str) {
        let points: Vec<String> = points
            .iter()
            .map(|(x, y)| format!("{x:.1},{y:.1}"))
            .collect();
        let _ = writeln!(
            self.body,
            r#"<polyline points="{}" fill="none" {attributes}/>"#,
            points.join(" ")
        );
    }

    /// Text, escaped; `anchor` is start, middle or end.
    pub(crate) fn text(&mut self, x: f64, y: f64, anchor: &str, attributes: &str, text: &str) {
        let _ = writeln!(
            self.body,
            r#"<text x="{x:.1}" y="{y:.1}" text-anchor="{anchor}" {attributes}>{}</text>"#,
            escape(text)
        );
    }

    /// The document, with a title for screen readers.
    pub(crate) fn finish(self, title: &str, class: &str) -> String {
        format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" class="{class}" width="{w:.0}" height="{h:.0}" viewBox="0 0 {w:.0} {h:.0}" role="img" font-family="Helvetica, Arial, sans-serif" font-size="12"><title>{}</title>
{}</svg>"#,
            escape(title),
            self.body,
            w = self.width,
            h = self.height
        )
    }
}

/// Splits a label into lines of at most `width` characters, at spaces.
pub(crate) fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= width => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_wraps() {
        assert_eq!(
            escape("zorg & welzijn <\"x\">"),
            "zorg &amp; welzijn &lt;&quot;x&quot;&gt;"
        );
        assert_eq!(
            wrap("Regionale digitale organisatie van zorg & welzijn", 20),
            ["Regionale digitale", "organisatie van zorg", "& welzijn"]
        );
    }
}
