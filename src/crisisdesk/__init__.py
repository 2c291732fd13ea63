"""crisisdesk: sourced situation reports from humanitarian news."""

__version__ = "0.1.0"
