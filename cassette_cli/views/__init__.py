"""What each command shows, built from masked interactions only (cassette_cli.mask)."""
