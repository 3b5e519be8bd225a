"""Networks and influence paths: network views, k best paths, their explanations, influence on deals."""

# candidates, explain, kpaths and layout are private helpers of these.
__all__ = ["influence", "network", "paths", "ties"]
