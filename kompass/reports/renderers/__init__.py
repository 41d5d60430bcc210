"""One renderer per format. Each only lays out a `Report` and returns `(filename, content_type, bytes)`;
heavy libraries are imported inside `render`."""
