package io.streamrec.cli;

import io.etcd.jetcd.Client;
import io.streamrec.common.etcd.ServiceRegistration;
import io.streamrec.common.http.HttpEndpoint;
import io.streamrec.common.lifecycle.Service;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Builds a service's etcd registration from what it is and where it listens. */
final class Registrations {
    static final String VERSION = "0.1.0";
    private static final long TTL_SECONDS = 10;

    private Registrations() {
    }

    /**
     * The instance id is the host name and the process id, unique per running instance; the URL uses
     * STREAMREC_ADVERTISED_HOST when set (what other hosts can reach), else the host name.
     */
    static ServiceRegistration of(Client client, Service service, HttpEndpoint endpoint) {
        String host = System.getenv().getOrDefault("STREAMREC_ADVERTISED_HOST", hostName());
        return new ServiceRegistration(client, service.name(), hostName() + "-" + ProcessHandle.current().pid(),
                "http://" + host + ":" + endpoint.port(), VERSION, TTL_SECONDS);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
