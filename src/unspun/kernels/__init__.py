"""Pure functions shared by every path (local, server, Spark): no I/O, no globals beyond constant tables."""
