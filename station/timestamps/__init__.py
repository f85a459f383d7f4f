"""RFC 3161 timestamps: the local service (the offline default) and the client signing uses."""
