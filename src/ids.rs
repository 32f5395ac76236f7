//! Typed ids for the site's three collections (documents, glossary entries, reading paths) and
//! [`IdVec`], a vector indexed only by its own kind of id, so a term's index can never be used
//! to look up a document. A leaf module.

use std::marker::PhantomData;
use std::ops::{Index, IndexMut};

use serde::Serialize;

/// An index into one [`IdVec`].
pub trait Id: Copy {
    /// The position this id stands for.
    fn index(self) -> usize;
    /// The id of a position.
    fn from_index(index: usize) -> Self;
}

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
        pub struct $name(pub usize);

        impl Id for $name {
            fn index(self) -> usize {
                self.0
            }
            fn from_index(index: usize) -> Self {
                $name(index)
            }
        }
    };
}

id_type!(
    /// A document (article, free page or the home page) in [`Site::docs`](crate::content::model::Site::docs).
    DocId
);
id_type!(
    /// A glossary entry in [`Site::terms`](crate::content::model::Site::terms).
    TermId
);
id_type!(
    /// A reading path in [`Site::paths`](crate::content::model::Site::paths).
    PathId
);

/// A vector indexed by one kind of id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdVec<I, T> {
    items: Vec<T>,
    id: PhantomData<fn(I) -> I>,
}

/// One value per document.
pub type DocVec<T> = IdVec<DocId, T>;
/// One value per glossary entry.
pub type TermVec<T> = IdVec<TermId, T>;
/// One value per reading path.
pub type PathVec<T> = IdVec<PathId, T>;

impl<I: Id, T> IdVec<I, T> {
    /// An empty vector.
    pub fn new() -> Self {
        IdVec { items: Vec::new(), id: PhantomData }
    }

    /// How many values.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The values in id order.
    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.items.iter()
    }

    /// The values in id order, mutably.
    pub fn iter_mut(&mut self) -> std::slice::IterMut<'_, T> {
        self.items.iter_mut()
    }

    /// Every id, in order.
    pub fn ids(&self) -> impl DoubleEndedIterator<Item = I> + ExactSizeIterator + use<I, T> {
        (0..self.items.len()).map(I::from_index)
    }

    /// `(id, value)` pairs in order.
    pub fn iter_enumerated(&self) -> impl DoubleEndedIterator<Item = (I, &T)> {
        self.items.iter().enumerate().map(|(i, item)| (I::from_index(i), item))
    }

    /// The value of an id, if it is in range.
    pub fn get(&self, id: I) -> Option<&T> {
        self.items.get(id.index())
    }

    /// The id of the first value matching `predicate`.
    pub fn position(&self, predicate: impl FnMut(&T) -> bool) -> Option<I> {
        self.items.iter().position(predicate).map(I::from_index)
    }

    /// Adds a value; returns its id.
    pub fn push(&mut self, item: T) -> I {
        self.items.push(item);
        I::from_index(self.items.len() - 1)
    }

    /// The values as a slice (for parallel iteration and sorting helpers).
    pub fn as_slice(&self) -> &[T] {
        &self.items
    }

    /// A vector of the same ids with each value mapped.
    pub fn map<U>(&self, f: impl FnMut(&T) -> U) -> IdVec<I, U> {
        IdVec::from(self.items.iter().map(f).collect::<Vec<U>>())
    }
}

impl<I: Id, T> Default for IdVec<I, T> {
    fn default() -> Self {
        IdVec::new()
    }
}

impl<I, T> From<Vec<T>> for IdVec<I, T> {
    fn from(items: Vec<T>) -> Self {
        IdVec { items, id: PhantomData }
    }
}

impl<I, T> FromIterator<T> for IdVec<I, T> {
    fn from_iter<It: IntoIterator<Item = T>>(iter: It) -> Self {
        IdVec { items: iter.into_iter().collect(), id: PhantomData }
    }
}

impl<I, T> IntoIterator for IdVec<I, T> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

impl<'a, I, T> IntoIterator for &'a IdVec<I, T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.iter()
    }
}

impl<I: Id, T> Index<I> for IdVec<I, T> {
    type Output = T;
    fn index(&self, id: I) -> &T {
        &self.items[id.index()]
    }
}

impl<I: Id, T> IndexMut<I> for IdVec<I, T> {
    fn index_mut(&mut self, id: I) -> &mut T {
        &mut self.items[id.index()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indexes_by_its_own_id_and_enumerates_ids() {
        let mut terms: TermVec<&str> = TermVec::new();
        let a = terms.push("alliance");
        let b = terms.push("bond");
        assert_eq!((a, b), (TermId(0), TermId(1)));
        assert_eq!(terms[b], "bond");
        assert_eq!(terms.ids().collect::<Vec<_>>(), vec![TermId(0), TermId(1)]);
        assert_eq!(terms.position(|t| *t == "bond"), Some(TermId(1)));
        let lengths: TermVec<usize> = terms.map(|t| t.len());
        assert_eq!(lengths[a], 8);
    }
}
