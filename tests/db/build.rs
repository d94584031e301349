//! Sets `cfg(errdsl_mysql)` / `cfg(errdsl_postgres)` when the suite's server
//! URLs are set, so that without them the real-server tests are reported as
//! ignored, with the reason, rather than passing without having run.

fn main() {
    for (var, cfg) in [("ERRDSL_MYSQL_URL", "errdsl_mysql"), ("ERRDSL_POSTGRES_URL", "errdsl_postgres")] {
        println!("cargo::rustc-check-cfg=cfg({cfg})");
        println!("cargo::rerun-if-env-changed={var}");
        if std::env::var_os(var).is_some_and(|url| !url.is_empty()) {
            println!("cargo::rustc-cfg={cfg}");
        }
    }
}
