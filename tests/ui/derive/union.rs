#[derive(errdsl::ServiceError)]
union U {
    a: u32,
}
fn main() {}
