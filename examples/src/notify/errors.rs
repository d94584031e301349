//! The errors of the notify service: one temporary, two permanent.
//!
//! | name | HTTP | flags | what the engine does |
//! | --- | --- | --- | --- |
//! | `maintenance` | 503 | temporary | retries the invocation |
//! | `user_deactivated` | 403 | | ends it: a terminal failure, never retried |
//! | `relay_misconfigured` | 500 | fault | ends it; the text stays in the log |

errdsl::errors! {
    /// Errors of `Notify/notify_user`.
    #[service_error(service = "notify")]
    pub enum NotifyError {
        /// The mail relay is down for maintenance: the engine tries again.
        #[error("the mail relay is in maintenance")]
        #[service_error(temporary, http = 503, user_msg = "Notifications are paused for maintenance; they will be retried.")]
        Maintenance,

        /// The user was deactivated: no attempt can succeed.
        #[error("user {user_id} is deactivated")]
        #[service_error(http = 403, user_msg = "This user is deactivated.")]
        UserDeactivated {
            /// The user who was to be notified.
            #[service_error(wire)]
            user_id: String,
        },

        /// The relay refuses the service's credentials: the operators' to
        /// fix, and its text names the relay, so it never leaves the
        /// process.
        #[error("relay {relay} rejected the credentials of {account}")]
        #[service_error(fault)]
        RelayMisconfigured {
            /// The relay's address.
            relay: String,
            /// The account the service logs in with.
            account: String,
        },
    }
}
