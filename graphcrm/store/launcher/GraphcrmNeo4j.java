import java.nio.file.Path;
import java.time.Duration;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;

/** Runs an embedded Neo4j Community with Bolt on loopback until the JVM is told to stop. */
public final class GraphcrmNeo4j {
    private GraphcrmNeo4j() {}

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 3) {
            System.err.println("usage: GraphcrmNeo4j DATA_DIR PORT PAGECACHE_MB");
            System.exit(2);
        }
        Path home = Path.of(args[0]);
        int port = Integer.parseInt(args[1]);
        long pageCacheBytes = Long.parseLong(args[2]) * 1024L * 1024L;
        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                // Auth is off, so Bolt must never listen beyond loopback.
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(GraphDatabaseSettings.auth_enabled, false)
                .setConfig(GraphDatabaseSettings.pagecache_memory, pageCacheBytes)
                // Neo4j keeps two days of transaction logs for online backups, which Community does
                // not have; a million-row import and a reset left 23 GB of them. Recovery needs only
                // the logs since the last checkpoint, which are never pruned.
                .setConfig(GraphDatabaseSettings.keep_logical_logs, "512M size")
                // graphcrm sends a timeout with every transaction (seconds for a request, minutes
                // for bulk work); this caps anything that comes without one.
                .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofSeconds(60))
                // Timeouts are enforced when the monitor looks (every 2 s by default): a request's
                // few seconds would stretch by up to two more.
                .setConfig(GraphDatabaseSettings.transaction_monitor_check_interval, Duration.ofMillis(100))
                .build();
        Runtime.getRuntime().addShutdownHook(new Thread(dbms::shutdown, "graphcrm-neo4j-shutdown"));
        System.out.println("graphcrm-neo4j started: bolt://127.0.0.1:" + port);
        System.out.flush();
        Thread.currentThread().join();
    }
}
