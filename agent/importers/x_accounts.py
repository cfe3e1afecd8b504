"""What an X archive says about accounts: who the owner is, and the handle and name of each account id.

Follows and messages carry only numeric ids; handles come from the owner's account file and from the
replies and mentions in the owner's tweets.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from agent.importers.people_book import PeopleBook, PersonKey


@dataclass
class XAccounts:
    """What the archive says about accounts: the owner, and handle/name by account id."""

    owner_id: str | None = None
    owner_handle: str | None = None
    handles: dict[str, str] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)

    def learn(self, account_id: str | None, handle: str | None, name: str = "") -> None:
        if account_id and handle:
            self.handles.setdefault(account_id, handle)
        if account_id and name:
            self.names.setdefault(account_id, name)

    def is_owner(self, account_id: str | None, handle: str | None) -> bool:
        return bool((account_id and account_id == self.owner_id) or (handle and handle == self.owner_handle))

    def see(
        self, book: PeopleBook, account_id: str | None, handle: str | None = None, name: str = ""
    ) -> PersonKey | None:
        """Note the account in ``book`` with the handle and name known for its id."""
        if account_id:
            handle = handle or self.handles.get(account_id)
            name = name or self.names.get(account_id, "")
        return book.see(x_id=account_id, handle=handle, name=name)
