"""One module per indicator family; each module declares Indicator objects only."""
