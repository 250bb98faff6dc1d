//! gc-core's debug output through `tracing`, in a test binary of its own: `tracing` caches
//! each callsite's interest process-wide, and a collection on another test thread while this
//! one installs its subscriber can leave the span's fields unrecorded (seen under
//! AddressSanitizer's scheduling when this test shared a binary with other collection tests).

mod common;

use common::{link, node, DropLog};
use gc_core::DebugFlags;

/// A tracing layer that records event messages and span fields under the target gc_core.
#[derive(Clone, Default)]
struct Capture(std::sync::Arc<std::sync::Mutex<Vec<String>>>);

impl<S: tracing::Subscriber> tracing_subscriber::Layer<S> for Capture {
    fn on_event(&self, event: &tracing::Event<'_>, _: tracing_subscriber::layer::Context<'_, S>) {
        if event.metadata().target() == "gc_core" {
            let mut v = Visitor(String::new());
            event.record(&mut v);
            self.0.lock().unwrap().push(v.0);
        }
    }
    fn on_record(
        &self,
        _: &tracing::span::Id,
        values: &tracing::span::Record<'_>,
        _: tracing_subscriber::layer::Context<'_, S>,
    ) {
        let mut v = Visitor(String::from("span:"));
        values.record(&mut v);
        self.0.lock().unwrap().push(v.0);
    }
}

struct Visitor(String);
impl tracing::field::Visit for Visitor {
    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        use std::fmt::Write;
        let _ = write!(self.0, " {}={:?}", field.name(), value);
    }
}

#[test]
fn debug_output_goes_through_tracing() {
    use tracing_subscriber::layer::SubscriberExt;
    let capture = Capture::default();
    let subscriber = tracing_subscriber::registry().with(capture.clone());
    tracing::subscriber::with_default(subscriber, || {
        let log = DropLog::default();
        gc_core::set_debug(DebugFlags::STATS | DebugFlags::COLLECTABLE);
        let a = node(1, &log);
        link(&a, &a);
        drop(a);
        assert_eq!(gc_core::collect(), 1);
        gc_core::set_debug(DebugFlags::empty());
    });
    let lines = capture.0.lock().unwrap().clone();
    let text = lines.join("\n");
    assert!(text.contains("collecting generation 2"), "{text}");
    assert!(text.contains("collectable <"), "{text}");
    assert!(text.contains("done, 1 unreachable"), "{text}");
    assert!(text.contains("span: candidates=1"), "{text}");
    assert!(text.contains("span: collected=1"), "{text}");
}
