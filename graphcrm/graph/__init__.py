"""Networks and influence paths: network views, k best paths, their explanations, influence on deals."""
