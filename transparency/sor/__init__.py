"""Statements of reasons for the DSA Transparency Database: schema validator, export and
optional submission (DSA Art. 24(5)). See transparency/README-sor.md."""
