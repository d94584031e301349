errdsl::errors! {
    pub struct NotAnEnum;
}
fn main() {}
