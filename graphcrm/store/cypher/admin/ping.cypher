// Is the database there and answering? (the health check of load balancers and `serve`)
RETURN 1 AS ok
