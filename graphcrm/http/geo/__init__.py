"""Who is nearby: the nearby API, locations and the map pages."""
