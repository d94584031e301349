#[error("quota {used}/{limit}")]
#[service_error(grpc = 8, temporary, user_msg = "Used {used}.")]
pub struct Quota { used: u32, limit: u64 }
