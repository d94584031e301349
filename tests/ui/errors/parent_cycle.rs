errdsl::errors! {
    pub enum A: C {
        #[error("a")]
        #[service_error(http = 400)]
        A,
    }
    pub enum B: A {
        #[error("b")]
        #[service_error(http = 400)]
        B,
    }
    pub enum C: B {
        #[error("c")]
        #[service_error(http = 400)]
        C,
    }
    pub enum Selfish: Selfish {
        #[error("s")]
        #[service_error(http = 400)]
        S,
    }
}
fn main() {}
