"""The load: files read (careboard.ingest), typed and stored as one snapshot (careboard.tables, careboard.store),
then checked by the validation the caller plugs in (load.py, validation.py). Nothing here imports the
checks themselves: the command line passes careboard.validate.on_load.DfERules."""
