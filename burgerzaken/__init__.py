"""The citizen's read model: every zaak indexed by its betrokkenen's BSN and KvK number, with
what the PIP shows (zaaktype omschrijving, statussen, documents), kept from the events topic."""
