// Where the rooms are and what hardware they run: sites (each with its own Listener Service) and the
// kinds of video systems Relay controls (control protocols from reference §2.3).

export interface Site {
  code: string;
  name: string;
  address: string;
  latitude: number;
  longitude: number;
  elevation: number;
  floors: number;
  /** Index of the site, mixed into its Listener Service id. */
  ordinal: number;
}

export const sites: readonly Site[] = [
  { code: 'SFO', name: 'San Francisco HQ', address: '535 Mission St, San Francisco, CA 94105', latitude: 37.7887, longitude: -122.3972, elevation: 16, floors: 12, ordinal: 0 },
  { code: 'AUS', name: 'Austin', address: '500 W 2nd St, Austin, TX 78701', latitude: 30.265, longitude: -97.7494, elevation: 150, floors: 6, ordinal: 1 },
  { code: 'NYC', name: 'New York', address: '11 Madison Ave, New York, NY 10010', latitude: 40.7414, longitude: -73.987, elevation: 10, floors: 9, ordinal: 2 },
  { code: 'LON', name: 'London', address: '1 Finsbury Ave, London EC2M 2PF', latitude: 51.5194, longitude: -0.0846, elevation: 20, floors: 8, ordinal: 3 },
  { code: 'BER', name: 'Berlin', address: 'Friedrichstraße 68, 10117 Berlin', latitude: 52.5112, longitude: 13.3891, elevation: 34, floors: 5, ordinal: 4 },
  { code: 'BLR', name: 'Bengaluru', address: '26 MG Road, Bengaluru 560001', latitude: 12.9756, longitude: 77.605, elevation: 920, floors: 7, ordinal: 5 },
  { code: 'TYO', name: 'Tokyo', address: '2-7-1 Marunouchi, Chiyoda-ku, Tokyo', latitude: 35.6804, longitude: 139.765, elevation: 40, floors: 10, ordinal: 6 },
  { code: 'SAO', name: 'São Paulo', address: 'Av. Paulista 1000, São Paulo', latitude: -23.5646, longitude: -46.6527, elevation: 760, floors: 4, ordinal: 7 },
];

export interface VideoSystem {
  model: string;
  controlProtocol: string;
  port: number;
  signalingProtocol: 'H323' | 'SIP';
  /** Relay Mesh devices are reached through an integrator's HTTP server. */
  mesh: boolean;
}

export const videoSystems: readonly VideoSystem[] = [
  { model: 'Cisco Webex Room Kit', controlProtocol: 'TANDBERG_HTTP', port: 80, signalingProtocol: 'SIP', mesh: false },
  { model: 'Cisco TelePresence SX80', controlProtocol: 'TANDBERG_SSH', port: 22, signalingProtocol: 'H323', mesh: false },
  { model: 'Cisco IX5000', controlProtocol: 'CISCO_IX_SSH_SOAP', port: 22, signalingProtocol: 'SIP', mesh: false },
  { model: 'Polycom HDX 8000', controlProtocol: 'POLYCOM_HTTP_HDX', port: 80, signalingProtocol: 'H323', mesh: false },
  { model: 'Poly RealPresence Group 500', controlProtocol: 'POLYCOM_HTTP_REALPRESENCE', port: 443, signalingProtocol: 'H323', mesh: false },
  { model: 'Polycom VSX 7000', controlProtocol: 'POLYCOM_TELNET', port: 23, signalingProtocol: 'H323', mesh: false },
  { model: 'Lifesize Icon 600', controlProtocol: 'LIFESIZE_HTTP_ICON', port: 443, signalingProtocol: 'SIP', mesh: false },
  { model: 'Lifesize Express 220', controlProtocol: 'LIFESIZE_SSH', port: 22, signalingProtocol: 'H323', mesh: false },
  { model: 'StarLeaf GT Mini 3330', controlProtocol: 'STARLEAF_HTTP', port: 443, signalingProtocol: 'SIP', mesh: false },
  { model: 'Tely 200', controlProtocol: 'TELY_HTTP', port: 80, signalingProtocol: 'SIP', mesh: false },
  // The exact enum string for Relay Mesh was not found (reference §2.3); RELAY_MESH is our choice.
  { model: 'Tandberg 1000 Classic via Relay Mesh', controlProtocol: 'RELAY_MESH', port: 6374, signalingProtocol: 'H323', mesh: true },
];

export const roomWords: readonly string[] = [
  'Everest', 'Kilimanjaro', 'Denali', 'Matterhorn', 'Fuji', 'Aconcagua', 'Elbrus', 'Rainier', 'Shasta', 'Whitney',
  'Olympus', 'Etna', 'Vesuvius', 'Rushmore', 'Tahoe', 'Superior', 'Victoria', 'Baikal', 'Titicaca', 'Geneva',
  'Amazon', 'Danube', 'Mekong', 'Yukon', 'Thames', 'Seine', 'Rhine', 'Nile', 'Ganges', 'Volga',
  'Boardroom', 'Huddle', 'Focus', 'Atrium', 'Library', 'Studio', 'Lounge', 'Observatory', 'Greenhouse', 'Workshop',
  'Aurora', 'Borealis', 'Zephyr', 'Monsoon', 'Sirocco', 'Mistral', 'Chinook', 'Solstice', 'Equinox', 'Meridian',
];
