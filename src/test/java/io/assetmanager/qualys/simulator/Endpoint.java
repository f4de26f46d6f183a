package io.assetmanager.qualys.simulator;

/** The calls the simulator serves; used to aim faults and to count calls. */
public enum Endpoint {
    IP_LIST, IP_ADD, HOST_LIST, GROUP_LIST, GROUP_ADD, GROUP_EDIT, GROUP_DELETE, NETWORK_LIST, APPLIANCE_LIST, OTHER, ANY
}
