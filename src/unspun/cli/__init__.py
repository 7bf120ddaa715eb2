"""The command-line shell: parse arguments, build a config, call the API, render. No algorithms here."""
