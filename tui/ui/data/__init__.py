"""The console's data layer: rows built from service-layer objects, filtered and sorted off the UI
thread, so a widget only ever renders the handful of rows that are visible (k9s's model layer)."""
