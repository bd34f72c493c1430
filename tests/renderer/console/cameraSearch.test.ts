import { describe, expect, it } from 'vitest';
import { fold, searchCameras } from '../../../renderer/src/console/cameraSearch';

const cameras = [
  { id: 'c1', number: 1, name: 'Plaza de Armas – 21 de Mayo y Bolívar', tags: ['centro', 'plaza'] },
  { id: 'c12', number: 12, name: 'Sucre y Av. Independencia', tags: ['centro', 'avenida'] },
  { id: 'c120', number: 120, name: 'Muelle Prat', tags: ['costanera', 'muelle'] },
  { id: 'c14', number: 14, name: 'Av. Ribera Norte y Maipú', tags: ['río', 'norte'] },
  { id: 'c21', number: 21, name: 'Morelos y Maipú', tags: ['norte'] },
  { id: 'c3', number: 3, name: 'Terminal de buses', tags: [] },
];
const ids = (query: string) => searchCameras(cameras, query).map((c) => c.id);

describe('camera search', () => {
  it('lists every camera by number with an empty query', () => {
    expect(ids('  ')).toEqual(['c1', 'c3', 'c12', 'c14', 'c21', 'c120']);
  });

  it('puts the exact number first, then numbers starting with it', () => {
    expect(ids('12')).toEqual(['c12', 'c120']);
    expect(ids('1')[0]).toBe('c1');
  });

  it('finds a number inside a name too, after the numbers', () => {
    expect(ids('21')).toEqual(['c21', 'c1']);
  });

  it('matches names and tags without accents or case', () => {
    expect(ids('bolivar')).toEqual(['c1']);
    expect(ids('MAIPU')).toEqual(['c14', 'c21']);
    expect(ids('rio')).toEqual(['c14']);
    expect(fold('Río Bolívar')).toBe('rio bolivar');
  });

  it('needs every word to match, and # restricts a word to tags', () => {
    expect(ids('maipu norte')).toEqual(['c14', 'c21']);
    expect(ids('maipu ribera')).toEqual(['c14']);
    expect(ids('#norte')).toEqual(['c14', 'c21']);
    expect(ids('#prat')).toEqual([]);
    expect(ids('prat')).toEqual(['c120']);
  });

  it('ranks names starting with the query before other matches', () => {
    expect(ids('mo')).toEqual(['c21']);
    expect(ids('av')).toEqual(['c14', 'c12']);
  });
});
