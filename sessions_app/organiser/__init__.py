"""The organisers' workspace under /organiseren/: series and sessions, attendance,
mail to participants, lists and the co-evaluation. Everything here needs the
organiser role (``community.permissions.can_organise``) and two-factor
authentication; every step goes through a service and is in the action log."""
