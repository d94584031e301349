//! Database errors in go-mysql's categories: [`DbErrorKind`] from MySQL / MariaDB error numbers, PostgreSQL SQLSTATEs and (feature `sqlx`) `sqlx::Error`.
