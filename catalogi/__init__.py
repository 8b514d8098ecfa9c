"""The zaaktype catalogue (Catalogi API 1.3.1).

- :mod:`catalogi.model`: the catalogue objects and the lookups over a snapshot;
- :mod:`catalogi.loader` / :mod:`catalogi.export`: the catalogue file (YAML, per municipality);
- :mod:`catalogi.consistency`, :mod:`catalogi.lifecycle`: the rules;
- the catalogi processor: :mod:`catalogi.handlers` (one mapping), :mod:`catalogi.projection`
  (apply, per-catalogus sequence), :mod:`catalogi.changes` (the pure change function),
  :mod:`catalogi.tables` and its own migration chain (:mod:`catalogi.migrate`);
- :mod:`catalogi.store`: the database-backed ``CatalogueSource`` the gateway and the
  processors read.
"""
