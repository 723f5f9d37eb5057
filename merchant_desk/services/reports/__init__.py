"""End-of-day figures and the overview: local day boundaries, paged aggregation of the API's lists, exact
minor-unit totals, exports and a cache of days that are over. No Qt."""
