"""One module per ``ttdn`` subcommand (or group); each exports ``commands``."""
