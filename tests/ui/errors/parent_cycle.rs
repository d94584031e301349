// One report per cycle, naming every enum on it, on the first.
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
    // Leads into the cycle, but is no part of it: nothing of its own to fix.
    pub enum D: A {
        #[error("d")]
        #[service_error(http = 400)]
        D,
    }
    pub enum Selfish: Selfish {
        #[error("s")]
        #[service_error(http = 400)]
        S,
    }
}
fn main() {}
