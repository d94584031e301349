//! What a test binary logs, through a process-wide `tracing` subscriber (a
//! subscriber scoped to one test's thread misses events when other tests'
//! threads use the same callsites: tracing caches their interest). Shared by
//! the test files that read a fault's log line (`#[path]`-included).

use std::io;
use std::sync::{Arc, Mutex, OnceLock};

/// Everything logged so far in this process; the first call installs the
/// subscriber.
pub fn log() -> String {
    static LOG: OnceLock<Arc<Mutex<Vec<u8>>>> = OnceLock::new();
    #[derive(Clone)]
    struct Buffer(Arc<Mutex<Vec<u8>>>);
    impl io::Write for Buffer {
        fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }
    let log = LOG.get_or_init(|| {
        let log = Arc::new(Mutex::new(Vec::new()));
        let writer = Buffer(log.clone());
        let subscriber =
            tracing_subscriber::fmt().with_writer(move || writer.clone()).with_ansi(false).finish();
        tracing::subscriber::set_global_default(subscriber).unwrap();
        log
    });
    String::from_utf8(log.lock().unwrap().clone()).unwrap()
}
