//! The source chain of an error, as errdsl walks it: one walker and one
//! depth bound for classification ([`classify`](crate::classify), the
//! database classification) and for the sources a fault is logged with.

use std::error::Error;
use std::io;

/// How deep errdsl follows a source chain. Real chains are a handful of
/// errors long; the bound only guards against a `source` that loops.
pub(crate) const MAX_DEPTH: usize = 64;

/// `err` and the errors behind it, outermost first, at most [`MAX_DEPTH`].
pub(crate) fn chain<'a>(err: &'a (dyn Error + 'static)) -> impl Iterator<Item = &'a (dyn Error + 'static)> {
    std::iter::successors(Some(err), |&err| next(err)).take(MAX_DEPTH)
}

/// The next error of a chain: the error an `io::Error` wraps
/// ([`get_ref`](io::Error::get_ref)), else the [`source`](Error::source).
///
/// `io::Error::source` skips the error it wraps (it returns the wrapped
/// error's source), so the wrapped one is stepped into here.
fn next<'a>(err: &'a (dyn Error + 'static)) -> Option<&'a (dyn Error + 'static)> {
    // The size (in the vtable, no call) rules most errors out before the downcast.
    let io = (size_of_val(err) == size_of::<io::Error>()).then(|| err.downcast_ref::<io::Error>()).flatten();
    match io.and_then(io::Error::get_ref) {
        Some(inner) => Some(inner),
        None => err.source(),
    }
}
