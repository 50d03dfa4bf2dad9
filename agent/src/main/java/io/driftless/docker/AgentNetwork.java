package io.driftless.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import io.driftless.live.Labels;

import java.util.Map;

/**
 * The user-defined bridge network the agent's containers join. A user-defined network (not the default
 * bridge) gives containers DNS names and lets Caddy on the host reach them by IP. The agent creates it
 * when missing and labels it, so it only ever removes a network it made.
 */
final class AgentNetwork {
    private final DockerClient docker;
    private final String name;
    private final String instance;

    AgentNetwork(DockerClient docker, String name, String instance) {
        this.docker = docker;
        this.name = name;
        this.instance = instance;
    }

    String name() {
        return name;
    }

    /**
     * Creates the network when it is missing; an existing one (ours or the operator's) is used as is. One call at a
     * time: the daemon's duplicate-name check is best effort, and candidates created at once would otherwise make
     * several networks of one name (every later create then fails: "network ... is ambiguous").
     */
    synchronized void ensure() {
        try {
            docker.inspectNetworkCmd().withNetworkId(name).exec();
            return;
        } catch (NotFoundException missing) {
            // create it below
        }
        try {
            docker.createNetworkCmd()
                    .withName(name)
                    .withDriver("bridge")
                    .withCheckDuplicate(true)
                    .withLabels(Map.of(Labels.MANAGED, "true", Labels.INSTANCE, instance))
                    .exec();
        } catch (ConflictException createdMeanwhile) {
            // another call won the race: the network is there, which is all we wanted
        }
    }

    /**
     * Removes the network when this instance created it and no container is attached.
     *
     * @return true when the network is gone afterwards
     */
    boolean removeIfUnused() {
        try {
            var network = docker.inspectNetworkCmd().withNetworkId(name).exec();
            Map<String, String> labels = network.getLabels() == null ? Map.of() : network.getLabels();
            boolean ours = ContainerMapper.isOurs(labels, instance);
            boolean unused = network.getContainers() == null || network.getContainers().isEmpty();
            if (!ours || !unused) {
                return false;
            }
            docker.removeNetworkCmd(name).exec();
            return true;
        } catch (NotFoundException gone) {
            return true;
        } catch (DockerException attachedMeanwhile) {
            // 403/409 "has active endpoints": a container joined after the inspect
            if (attachedMeanwhile.getHttpStatus() == 403 || attachedMeanwhile.getHttpStatus() == 409) {
                return false;
            }
            throw attachedMeanwhile;
        }
    }
}
