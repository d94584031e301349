//! How the enums of one `errors!` inherit: each enum's parent, resolved by
//! name in the same invocation or by path in an ancestry a parent's
//! callback brought in, and the order to lower them in, parents first.

use quote::quote;
use syn::Path;

use crate::ast::decls::EnumDecl;

/// The enums of one input and how they inherit: the parent of a local enum
/// is a local enum by name or a borrowed ancestry by path; the parent of a
/// borrowed enum is the one before it in its ancestry.
pub(crate) struct Tree<'a> {
    pub decls: &'a [EnumDecl],
    pub scopes: &'a [Path],
}

impl Tree<'_> {
    /// The index of the parent of `decls[i]`, if it resolves.
    pub(crate) fn parent(&self, i: usize) -> Option<usize> {
        let decl = &self.decls[i];
        let path = decl.parent.as_ref()?;
        if let Some(ident) = path.get_ident() {
            let same_scope = |d: &EnumDecl| d.scope == decl.scope && d.ident == *ident;
            if let Some(found) = self.decls.iter().position(same_scope) {
                return Some(found);
            }
        }
        if decl.scope.is_some() {
            return None;
        }
        // A path: the last enum of the ancestry borrowed under that path.
        let wanted = quote!(#path).to_string();
        let scope = self.scopes.iter().position(|p| quote!(#p).to_string() == wanted)?;
        let last = path.segments.last()?;
        self.decls.iter().position(|d| d.scope == Some(scope) && d.ident == last.ident)
    }

    /// The parent path the ancestry of `decls[i]` waits for: the path, by
    /// which neither this input nor a borrowed ancestry declares an enum,
    /// that its topmost ancestor here names. A single name is never looked
    /// for elsewhere: it must be declared here (and is reported when not).
    pub(crate) fn awaited_path(&self, i: usize) -> Option<&Path> {
        let mut current = i;
        for _ in 0..=self.decls.len() {
            let path = self.decls[current].parent.as_ref()?;
            match self.parent(current) {
                Some(parent) => current = parent,
                None => {
                    return (self.decls[current].scope.is_none() && path.get_ident().is_none())
                        .then_some(path);
                }
            }
        }
        // A cycle: reported, and waits for nothing.
        None
    }

    /// The chain of ancestors of `decls[i]`, nearest first; `None` on a
    /// cycle or an unknown parent.
    pub(crate) fn ancestors(&self, i: usize) -> Option<Vec<usize>> {
        let mut chain = Vec::new();
        let mut current = i;
        while self.decls[current].parent.is_some() {
            let next = self.parent(current)?;
            if next == i || chain.contains(&next) {
                return None;
            }
            chain.push(next);
            current = next;
        }
        Some(chain)
    }

    /// The enums of the cycle `decls[i]` is on, from `i` along its
    /// parents; `None` when its parents do not lead back to it.
    pub(crate) fn cycle(&self, i: usize) -> Option<Vec<usize>> {
        let mut cycle = vec![i];
        let mut current = self.parent(i)?;
        while current != i {
            if cycle.len() > self.decls.len() {
                return None;
            }
            cycle.push(current);
            current = self.parent(current)?;
        }
        Some(cycle)
    }

    /// The enums whose ancestry resolves, parents before children;
    /// declaration order within a depth.
    pub(crate) fn parents_first(&self) -> Vec<usize> {
        let mut depths: Vec<(usize, usize)> =
            (0..self.decls.len()).filter_map(|i| Some((self.ancestors(i)?.len(), i))).collect();
        depths.sort_unstable();
        depths.into_iter().map(|(_, i)| i).collect()
    }
}
