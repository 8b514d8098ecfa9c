"""The zaakmagazijn: the central projection of zaken and statussen, rebuilt from the log."""
