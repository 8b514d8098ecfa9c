"""Logboek Dataverwerkingen: a record of every read of personal data (who read whose data,
when, for which verwerkingsactiviteit, in which trace), with the subject pseudonymised."""
