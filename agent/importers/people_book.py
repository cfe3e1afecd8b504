"""Collecting the people an export mentions, deduplicated by identity, with the best name and headline.

A reader notes each person it meets with ``see`` and keeps the returned key; once everything is read,
``refs`` turns every key into one final ``PersonRef``. People known only by name (LinkedIn recommendations,
a message partner who never wrote) are joined to the one person with a profile URL who has the same name,
when there is exactly one; X accounts known only by handle are joined to the account with that handle's id.
"""

from __future__ import annotations

from agent.importers.base import PersonRef

PersonKey = tuple[str, str]  # ("handle" | "x_id" | "name", value)


class PeopleBook:
    def __init__(self, network: str) -> None:
        self.network = network
        # key -> [handle, x_id, name, headline, company]; the first non-empty value of each wins
        self._records: dict[PersonKey, list[str | None]] = {}

    def see(
        self,
        *,
        handle: str | None = None,
        x_id: str | None = None,
        name: str = "",
        headline: str = "",
        company: str = "",
    ) -> PersonKey | None:
        """Record a sighting; None when there is nothing to identify the person by."""
        if x_id:
            key: PersonKey = ("x_id", x_id)
        elif handle:
            key = ("handle", handle)
        elif name:
            key = ("name", name.casefold())
        else:
            return None
        record = self._records.get(key)
        if record is None:
            self._records[key] = [handle, x_id, name, headline, company]
        elif not (record[0] and record[2] and record[3] and record[4]):
            for position, value in ((0, handle), (2, name), (3, headline), (4, company)):
                if value and not record[position]:
                    record[position] = value
        return key

    def finish(self) -> tuple[dict[PersonKey, PersonRef], list[PersonRef]]:
        """Every key handed out mapped to its final person (joined keys share one), and each person once."""
        final: dict[PersonKey, PersonRef] = {
            key: PersonRef(self.network, handle, x_id, name or "", headline or "", company or "")
            for key, (handle, x_id, name, headline, company) in self._records.items()
        }
        joins = self._joins()
        for key, target in joins.items():
            kept, loose = final[target], final[key]
            final[target] = PersonRef(
                kept.network,
                kept.handle,
                kept.x_id,
                kept.name or loose.name,
                kept.headline or loose.headline,
                kept.company or loose.company,
            )
        for key, target in joins.items():
            final[key] = final[target]
        people = [ref for key, ref in final.items() if key not in joins]
        return final, people

    def _joins(self) -> dict[PersonKey, PersonKey]:
        by_name: dict[str, list[PersonKey]] = {}
        by_handle: dict[str, PersonKey] = {}
        for key, record in self._records.items():
            if key[0] == "name":
                continue
            if record[2]:
                by_name.setdefault(str(record[2]).casefold(), []).append(key)
            if key[0] == "x_id" and record[0]:
                by_handle.setdefault(str(record[0]), key)
        joins: dict[PersonKey, PersonKey] = {}
        for key in self._records:
            if key[0] == "name" and len(by_name.get(key[1], ())) == 1:
                joins[key] = by_name[key[1]][0]
            elif key[0] == "handle" and key[1] in by_handle:
                joins[key] = by_handle[key[1]]
        return joins
