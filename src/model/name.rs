//! [`Name`]: an id or a display name in [`crate::Results`], shared rather than copied.

use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

/// An immutable string shared by reference count. It reads as a `&str` (through `Deref`) and
/// compares with `str`, `&str` and `String`:
///
/// ```
/// use workforce_gap::Name;
/// let id = Name::from("buikpijnteam");
/// assert_eq!(id, "buikpijnteam");
/// assert!(id.starts_with("buik"));
/// assert_eq!(id.to_string(), String::from("buikpijnteam"));
/// ```
///
/// Results repeat the model's names many times (every effect carries its initiative's id and its
/// sector's). An evaluation makes each name once, and every result that repeats it shares it
/// by reference count instead of allocating a copy, which was most of the time an evaluation
/// took.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Name(Arc<str>);

impl Name {
    /// The name as a string slice.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Deref for Name {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Name {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for Name {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl From<&str> for Name {
    fn from(text: &str) -> Name {
        Name(Arc::from(text))
    }
}

impl From<&String> for Name {
    fn from(text: &String) -> Name {
        Name(Arc::from(text.as_str()))
    }
}

impl From<String> for Name {
    fn from(text: String) -> Name {
        Name(Arc::from(text))
    }
}

impl From<Name> for String {
    fn from(name: Name) -> String {
        name.0.as_ref().to_string()
    }
}

impl fmt::Display for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&*self.0, f)
    }
}

impl fmt::Debug for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

macro_rules! compares_with {
    ($($other:ty),*) => {$(
        impl PartialEq<$other> for Name {
            fn eq(&self, other: &$other) -> bool {
                *self.0 == **other
            }
        }
        impl PartialEq<Name> for $other {
            fn eq(&self, other: &Name) -> bool {
                **self == *other.0
            }
        }
    )*};
}
compares_with!(&str, String);

impl PartialEq<str> for Name {
    fn eq(&self, other: &str) -> bool {
        *self.0 == *other
    }
}

impl PartialEq<Name> for str {
    fn eq(&self, other: &Name) -> bool {
        *self == *other.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clone_shares_the_text() {
        let a = Name::from(String::from("ggz"));
        let b = a.clone();
        assert!(std::ptr::eq(a.as_str(), b.as_str()));
        assert_eq!(a, b);
    }

    #[test]
    fn compares_and_prints_as_its_text() {
        let name = Name::from("vvt");
        assert_eq!(name, "vvt");
        assert_eq!("vvt", name);
        assert_eq!(name, String::from("vvt"));
        assert_eq!(String::from("vvt"), name);
        assert_ne!(name, "msz");
        assert_eq!(format!("{name} {name:?}"), "vvt \"vvt\"");
        let (a, b) = (Name::from("a"), Name::from("b"));
        assert!(a < b);
    }
}
