import { describe, expect, it } from 'vitest';
import { parseCrs } from '../../api/src/geo/parse-crs';

describe('parseCrs', () => {
  it.each([
    ['EPSG:3844', 3844],
    ['epsg:3844', 3844],
    ['3844', 3844],
    ['urn:ogc:def:crs:EPSG::3844', 3844],
    ['urn:ogc:def:crs:EPSG:6.3:3844', 3844],
    ['http://www.opengis.net/def/crs/EPSG/0/3844', 3844],
    ['EPSG:4326', 4326],
    ['urn:ogc:def:crs:OGC:1.3:CRS84', 4326],
    ['CRS84', 4326],
  ])('reads %s as EPSG:%i', (text, srid) => {
    expect(parseCrs(text)).toMatchObject({ srid, name: `EPSG:${srid}`, requested: text });
  });

  it('reads the deprecated EPSG:31700 as Stereo 70 (EPSG:3844) and says why', () => {
    expect(parseCrs('EPSG:31700')).toMatchObject({ srid: 3844, requested: 'EPSG:31700', note: expect.stringMatching(/130 m/) });
  });

  it.each(['', 'WGS84', 'EPSG:', 'EPSG:38x4', 'ESRI:102100'])('refuses %j', (text) => {
    expect(parseCrs(text)).toBeUndefined();
  });
});
