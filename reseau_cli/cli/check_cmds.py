"""Commands of this area register on the shared app here."""
