"""The zaaktype catalogue (Catalogi API): model, file loader and the demo catalogue."""
