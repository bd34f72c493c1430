import L from 'leaflet';
import 'leaflet/dist/leaflet.css';

// leaflet.markercluster is a UMD script that extends the global `L`; Leaflet sets it when it loads,
// and this makes sure of it whatever order the bundler evaluates modules in. Import Leaflet from
// here, then 'leaflet.markercluster'.
(globalThis as { L?: typeof L }).L ??= L;

export default L;
