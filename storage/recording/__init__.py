"""The recorder's parts, one per kind of thing recorded; ``storage.recorder.Recorder`` joins them."""
