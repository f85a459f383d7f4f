"""The station's use cases, composed from the libraries: what the GUI and the CLI both call."""
