/// A field type without `FromStr`.
#[derive(Debug, Default)]
struct Point {
    x: i32,
}

impl std::fmt::Display for Point {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.x)
    }
}

#[derive(Debug, thiserror::Error, errdsl::ServiceError)]
enum E {
    #[error("bad point")]
    #[service_error(http = 400)]
    BadPoint {
        #[service_error(wire)]
        point: Point,
    },
}
fn main() {}
