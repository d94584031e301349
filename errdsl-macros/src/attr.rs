//! The attribute receivers: what a user may write in `#[service_error(...)]`,
//! parsed by darling. Nothing here judges the values; `validate` does.

use darling::util::{Flag, SpannedValue};
use darling::{FromDeriveInput, FromField, FromMeta, FromVariant};
use syn::{Expr, ExprLit, Lit, LitStr};

/// The keys that describe one error. On a variant they describe the variant;
/// on an enum they are defaults the variants inherit (only the mapping keys
/// make sense there); on a struct they describe the struct.
#[derive(Clone, Debug, Default, FromMeta)]
pub(crate) struct ErrorKeys {
    pub grpc: Option<SpannedValue<CodeArg>>,
    pub http: Option<SpannedValue<StatusArg>>,
    pub name: Option<LitStr>,
    pub temporary: Flag,
    pub timeout: Flag,
    pub fault: Flag,
    pub user_msg: Option<LitStr>,
    pub retry_after_secs: Option<SpannedValue<u64>>,
    pub transparent: Flag,
    pub classify: Flag,
}

/// `#[service_error(...)]` on the enum or struct.
#[derive(Debug, FromDeriveInput)]
#[darling(attributes(service_error), supports(struct_any, enum_any))]
pub(crate) struct ContainerAttrs {
    pub service: Option<LitStr>,
    #[darling(flatten)]
    pub keys: ErrorKeys,
}

/// `#[service_error(...)]` on a variant.
#[derive(Debug, FromVariant)]
#[darling(attributes(service_error))]
pub(crate) struct VariantAttrs {
    #[darling(flatten)]
    pub keys: ErrorKeys,
}

/// `#[service_error(...)]` on a field: whether it travels on the wire.
#[derive(Debug, Default, FromField)]
#[darling(attributes(service_error))]
pub(crate) struct FieldAttrs {
    /// The field travels with the error (as text: `Display` out, `FromStr` in).
    pub wire: Flag,
    /// The field does not travel; a client decodes it as `Default::default()`.
    pub default: Flag,
}

/// The value of `grpc = ...`: a code name (`InvalidArgument`, optionally as a
/// path such as `Code::InvalidArgument`) or its number (`3`).
#[derive(Debug, Clone)]
pub(crate) enum CodeArg {
    Name(String),
    Number(i64),
}

impl FromMeta for CodeArg {
    fn from_expr(expr: &Expr) -> darling::Result<Self> {
        match expr {
            Expr::Path(path) => match path.path.segments.last() {
                Some(last) if path.qself.is_none() => Ok(CodeArg::Name(last.ident.to_string())),
                _ => Err(code_syntax_error().with_span(expr)),
            },
            Expr::Lit(ExprLit { lit: Lit::Int(int), .. }) => {
                int.base10_parse::<i64>().map(CodeArg::Number).map_err(|_| code_syntax_error().with_span(int))
            }
            Expr::Group(group) => Self::from_expr(&group.expr),
            _ => Err(code_syntax_error().with_span(expr)),
        }
    }
}

fn code_syntax_error() -> darling::Error {
    darling::Error::custom("expected a gRPC code name or number, e.g. `grpc = InvalidArgument` or `grpc = 3`")
}

/// The value of `http = ...`: a number, judged by `validate` (so that 70000
/// gets the same message as 302).
#[derive(Debug, Clone, Copy)]
pub(crate) struct StatusArg(pub u64);

impl FromMeta for StatusArg {
    fn from_expr(expr: &Expr) -> darling::Result<Self> {
        match expr {
            Expr::Lit(ExprLit { lit: Lit::Int(int), .. }) => {
                // Anything too large for u64 is just as wrong as 600.
                Ok(StatusArg(int.base10_parse::<u64>().unwrap_or(u64::MAX)))
            }
            Expr::Group(group) => Self::from_expr(&group.expr),
            _ => {
                Err(darling::Error::custom("expected an HTTP status number, e.g. `http = 404`")
                    .with_span(expr))
            }
        }
    }
}
