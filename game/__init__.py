"""Friendship Pass: a policy negotiation game about China's 2017–2020 cross-border guestworker pilot."""

__version__ = "0.1.0"
