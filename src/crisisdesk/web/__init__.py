"""The analyst's workspace (``crisisdesk serve``): a local web app and JSON API over a store."""
