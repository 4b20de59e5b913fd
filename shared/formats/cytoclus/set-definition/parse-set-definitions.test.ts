import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRealFixture } from '../../../../electron/test-support/real-fixtures.js';
import { CurationError } from '../../../api/errors.js';
import { parseSetDefinitions, parseXmlNumber } from './parse-set-definitions.js';
import type { CytoclusGate, CytoclusSetDefinition, CytoclusSingleAxis } from './parse-set-definitions.js';

const rectFile = 'cyzfile-api/SetFiles/Algae_Single_Rect_TotRedTotOr.xml';
const polygonFile = 'cyzfile-api/SetFiles/SeaWater_SinglePolygon_TotRedTotOr.xml';
const combinationsFile = 'cyzfile-api/SetFiles/Algae_SetCombinations_XSets.xml';
const demo = path.resolve(__dirname, '../../../../resources/demo/exports/Export_2026-05-14 08h00m00s/Settings/Set definition.xml');

const utf8 = (s: string) => new TextEncoder().encode(s);
const textOf = (rel: string) => new TextDecoder().decode(readRealFixture(rel));

const axis = (channel: string, channelType: string, parameter: string, name: string, isLog = true): CytoclusSingleAxis => ({
  type: 'single',
  name,
  isLog,
  channel,
  channelType,
  parameter,
});
const byName = (sets: CytoclusSetDefinition[], name: string) => {
  const s = sets.find((x) => x.name === name);
  if (!s) throw new Error(`no set ${name}`);
  return s;
};
const gate0 = (s: CytoclusSetDefinition): CytoclusGate => {
  const g = s.gates[0];
  if (!g) throw new Error(`no gate in ${s.name}`);
  return g;
};
/** Independent count: <Point> elements between the open and close tag of the first such gate element. */
const pointsIn = (text: string, gateElement: string) => {
  const body = text.slice(text.indexOf(`<${gateElement}>`), text.indexOf(`</${gateElement}>`));
  return body.split('<Point>').length - 1;
};

describe('parseSetDefinitions — old element style (CyzFile-API SetFiles)', () => {
  it('Algae_Single_Rect_TotRedTotOr.xml: one rectangle gate', () => {
    const r = parseSetDefinitions(readRealFixture(rectFile));
    expect(r.issues).toEqual([]);
    expect(r).toMatchObject({ dialect: 'element', serialNumber: 'CS-2011-39', configurationDate: '2012-02-08T00:00:00.0000000', exclusiveSets: false, encoding: 'utf-8' });
    expect(r.sets.map((s) => [s.listId, s.name, s.kind, s.color, s.visible])).toEqual([
      [0, 'Default (all)', 'default', 'Gray', true],
      [1, 'Algae_Single_Rect_TotRedTotOr', 'gate-based', 'Blue', true],
    ]);
    expect(r.sets[1]?.gates).toEqual([
      {
        type: 'rectangle',
        xAxis: axis('FL Red', 'FLRed', 'Total', 'Total  FL Red'),
        yAxis: axis('FL Orange', 'FLOrange', 'Total', 'Total  FL Orange'),
        x: 3888.672,
        y: 1496.23,
        width: 6278.085,
        height: 1424.79,
      },
    ]);
    expect(r.sets.every((s) => s.complete)).toBe(true);
  });

  it('SeaWater_SinglePolygon_TotRedTotOr.xml: 14-point polygon, mixed FL/Fl spellings kept', () => {
    const r = parseSetDefinitions(readRealFixture(polygonFile));
    expect(r.issues).toEqual([]);
    expect(r).toMatchObject({ serialNumber: 'CS-2019-96', exclusiveSets: false });
    const set = byName(r.sets, 'SeaWater_SinglePolygon_TotRedTotOr');
    const g = gate0(set);
    expect(g.type).toBe('polygon');
    if (g.type !== 'polygon') return;
    expect(g.points.length).toBe(pointsIn(textOf(polygonFile), 'PolygonGate'));
    expect(g.points.length).toBe(14);
    expect(g.points[0]).toEqual({ x: 26700.64, y: 73.51759 });
    expect(g.points[7]).toEqual({ x: 1598082, y: 40953.26 });
    expect(g.points[13]).toEqual({ x: 48327.89, y: 88.6313 });
    expect(g.xAxis).toEqual(axis('FL Red', 'FLRed', 'Total', 'Total  FL Red'));
    expect(g.yAxis).toEqual(axis('Fl Orange', 'FLOrange', 'Total', 'Total  Fl Orange'));
  });

  it('Algae_SetCombinations_XSets.xml: polygon, freeform, rectangle, range, OrSets and CombinedSets', () => {
    const text = textOf(combinationsFile);
    const r = parseSetDefinitions(readRealFixture(combinationsFile));
    expect(r.issues).toEqual([]);
    expect(r.exclusiveSets).toBe(true);
    expect(r.sets.map((s) => [s.listId, s.name, s.kind, s.color])).toEqual([
      [0, 'Default (all)', 'default', 'Gray'],
      [2, 'Base Set 1', 'gate-based', 'Red'],
      [3, 'Base Set 2', 'gate-based', 'Green'],
      [4, 'Base Set 3', 'gate-based', 'Orange'],
      [5, 'Base Set 4', 'gate-based', 'CornflowerBlue'],
      [6, 'UnionAll4', 'or', 'Purple'],
      [7, 'Intersect 1 and 3', 'combined', 'Chartreuse'],
      [8, '(Base Set 1 | Base Set 2)', 'or', null], // Color 0 = empty colour
      [9, '(Default (all) | Base Set 3 | Base Set  4)', 'or', null],
      [10, '1 or 2 Minus 3 or 4', 'combined', 'Yellow'],
      [11, 'UnionAll4 Not Intersect 1 and 3', 'combined', 'Aqua'],
    ]);

    const polygon = gate0(byName(r.sets, 'Base Set 1'));
    expect(polygon.type).toBe('polygon');
    if (polygon.type === 'polygon') {
      expect(polygon.points.length).toBe(pointsIn(text, 'PolygonGate'));
      expect(polygon.points.length).toBe(7);
      expect(polygon.points[0]).toEqual({ x: 6695.033, y: 2578.891 });
      expect(polygon.points[6]).toEqual({ x: 7005.839, y: 2273.761 });
    }

    const freeform = gate0(byName(r.sets, 'Base Set 2'));
    expect(freeform.type).toBe('freeform');
    if (freeform.type === 'freeform') {
      expect(freeform.points.length).toBe(pointsIn(text, 'FreeformGate'));
      expect(freeform.points.length).toBe(36);
      expect(freeform.points[0]).toEqual({ x: 7.991426, y: 626.4165 });
      expect(freeform.points[35]).toEqual({ x: 7.87108, y: 644.1931 }); // repeated points kept
      expect(freeform.xAxis).toEqual(axis('FL Red right', 'FLRed', 'Maximum', 'Maximum [mV] FL Red right'));
      expect(freeform.yAxis).toEqual(axis('FL Red left', 'FLRed', 'Maximum', 'Maximum [mV] FL Red left'));
    }

    expect(byName(r.sets, 'Base Set 3').gates).toEqual([
      {
        type: 'rectangle',
        xAxis: axis('FWS', 'FWS', 'Length', 'Length [µm] FWS'),
        yAxis: axis('FL Yellow', 'FLYellow', 'Total', 'Total  FL Yellow'),
        x: 2.357034,
        y: 673.1221,
        width: 1.321735,
        height: 1276.291,
      },
    ]);
    expect(byName(r.sets, 'Base Set 4').gates).toEqual([{ type: 'range', axis: axis('SWS', 'SWS', 'Length', 'Length [µm] SWS'), min: 20.95529, max: 33.45758 }]);

    expect(byName(r.sets, 'UnionAll4')).toMatchObject({
      autoSet: false,
      combinationType: null,
      gates: [],
      members: [
        { listId: 3, name: 'Base Set 2' },
        { listId: 2, name: 'Base Set 1' },
        { listId: 5, name: 'Base Set 4' },
        { listId: 4, name: 'Base Set 3' },
      ],
    });
    expect(byName(r.sets, '(Base Set 1 | Base Set 2)').autoSet).toBe(true);
    expect(byName(r.sets, '(Default (all) | Base Set 3 | Base Set  4)').members.map((m) => m.name)).toEqual(['Base Set 4', 'Base Set 3', 'Default (all)']);
    expect(byName(r.sets, 'Intersect 1 and 3')).toMatchObject({
      combinationType: 'set1AND2',
      autoSet: null,
      members: [
        { listId: 2, name: 'Base Set 1' },
        { listId: 4, name: 'Base Set 3' },
      ],
    });
    expect(byName(r.sets, '1 or 2 Minus 3 or 4')).toMatchObject({ combinationType: 'set1NOT2', members: [{ listId: 8 }, { listId: 9 }] });
    expect(byName(r.sets, 'UnionAll4 Not Intersect 1 and 3').members.map((m) => m.name)).toEqual(['UnionAll4', 'Intersect 1 and 3']);
    expect(r.sets.every((s) => s.complete)).toBe(true);
  });
});

describe('parseSetDefinitions — CytoClus 4 attribute style', () => {
  it('the demo Set definition.xml', () => {
    const r = parseSetDefinitions(new Uint8Array(fs.readFileSync(demo)));
    expect(r.issues).toEqual([]);
    expect(r).toMatchObject({ dialect: 'attribute', serialNumber: 'CS-0000', configurationDate: '2026-01-01T00:00:00.0000000', exclusiveSets: true });
    expect(r.sets.map((s) => [s.listId, s.name, s.kind, s.color, s.visible, s.gates.map((g) => g.type)])).toEqual([
      [0, 'Default (all)', 'default', 'Gray', true, []],
      [1, 'All Imaged Particles', 'all-images', 'Aqua', true, []],
      [2, 'Synechococcus', 'gate-based', 'Orange', true, ['polygon']],
      [3, 'Picoeukaryotes', 'gate-based', 'LimeGreen', true, ['polygon']],
      [4, 'Nanoeukaryotes', 'gate-based', 'Red', true, ['polygon']],
      [5, 'Cryptophytes', 'gate-based', 'Purple', true, ['rectangle']],
    ]);
    expect(byName(r.sets, 'Synechococcus').gates).toEqual([
      {
        type: 'polygon',
        xAxis: axis('Fl Red', 'FLRed', 'Total', 'Total  Fl Red'),
        yAxis: axis('Fl Orange', 'FLOrange', 'Total', 'Total  Fl Orange'),
        points: [
          { x: 160, y: 250 },
          { x: 12000, y: 1000 },
          { x: 12000, y: 25000 },
          { x: 160, y: 16000 },
        ],
      },
    ]);
    expect(gate0(byName(r.sets, 'Cryptophytes'))).toMatchObject({ type: 'rectangle', x: 20000, y: 8000, width: 1980000, height: 492000 });
  });

  // The XSets sets 4–7 rewritten by hand in the attribute style of §10.4 (attributes in another order on purpose).
  const attributeStyle = `\uFEFF<?xml version="1.0" encoding="utf-8"?>\r
<SetList SerialNumber="CS-2011-39" configuration_date="2012-02-08T00:00:00.0000000" ExclusiveSets="True">\r
  <DefaultSet ListID="0" Name="Default (all)" Color="Gray" Visible="True" />\r
  <GateBasedSet Name="Base Set 1" ListID="2" Color="Red" Visible="True" />\r
  <GateBasedSet ListID="4" Name="Base Set 3" Color="Orange" Visible="True">\r
    <GateCollection>\r
      <RectangleGate Width="1.321735" Height="1276.291" X="2.357034" Y="673.1221">\r
        <XAxis Name="Length [µm] FWS" IsLog="True" Type="SingleAxis" ChannelType="FWS" ChannelName="FWS" Parameter="Length" />\r
        <YAxis Type="SingleAxis" Parameter="Total" ChannelName="FL Yellow" ChannelType="FLYellow" IsLog="True" Name="Total  FL Yellow" />\r
      </RectangleGate>\r
    </GateCollection>\r
  </GateBasedSet>\r
  <GateBasedSet ListID="5" Name="Base Set 4" Color="CornflowerBlue" Visible="True">\r
    <GateCollection>\r
      <RangeGate>\r
        <Axis Name="Length [µm] SWS" IsLog="True" Type="SingleAxis" ChannelType="SWS" ChannelName="SWS" Parameter="Length" />\r
        <RangeMin>20.95529</RangeMin>\r
        <RangeMax>33.45758</RangeMax>\r
      </RangeGate>\r
    </GateCollection>\r
  </GateBasedSet>\r
  <OrSet ListID="6" Name="UnionAll4" Color="Purple" Visible="True">\r
    <AutoSet>false</AutoSet>\r
    <SetList>\r
      <ListID>5</ListID>\r
      <ListID>4</ListID>\r
    </SetList>\r
  </OrSet>\r
  <CombinedSet ListID="7" Name="Intersect 1 and 3" Color="Chartreuse" Visible="True">\r
    <Set1ListID>2</Set1ListID>\r
    <Set2ListID>4</Set2ListID>\r
    <CombinationType>set1AND2</CombinationType>\r
  </CombinedSet>\r
</SetList>\r
`;

  it('reads to the same model as the element style (dialect-independent)', () => {
    const attr = parseSetDefinitions(utf8(attributeStyle));
    const elem = parseSetDefinitions(readRealFixture(combinationsFile));
    expect(attr.issues).toEqual([]);
    expect(attr.dialect).toBe('attribute');
    expect(byName(attr.sets, 'Base Set 3')).toEqual(byName(elem.sets, 'Base Set 3'));
    expect(byName(attr.sets, 'Base Set 4')).toEqual(byName(elem.sets, 'Base Set 4'));
    expect(byName(attr.sets, 'Intersect 1 and 3')).toEqual(byName(elem.sets, 'Intersect 1 and 3'));
    expect(byName(attr.sets, 'UnionAll4').members).toEqual([
      { listId: 5, name: 'Base Set 4' },
      { listId: 4, name: 'Base Set 3' },
    ]);
    expect(byName(attr.sets, 'Base Set 1').gates).toEqual([]); // a gate-based set without gates: empty set
  });

  it('ratio axes in both dialects', () => {
    const attr = `<SetList ExclusiveSets="False"><GateBasedSet ListID="3" Name="ratio" Color="Blue" Visible="True"><GateCollection>
      <RectangleGate X="0.5" Y="10" Width="2" Height="1E+03">
        <XAxis Name="Total  FL Red / Total  FWS" IsLog="True" Type="RatioAxis">
          <AxisNumerator Name="Total  FL Red" IsLog="True" Type="SingleAxis" ChannelType="FLRed" ChannelName="FL Red" Parameter="Total" />
          <AxisDenominator Name="Total  FWS" IsLog="True" Type="SingleAxis" ChannelType="FWS" ChannelName="FWS" Parameter="Total" />
        </XAxis>
        <YAxis Name="Maximum [mV] SWS" IsLog="False" Type="SingleAxis" ChannelType="SWS" ChannelName="SWS" Parameter="Maximum" />
      </RectangleGate></GateCollection></GateBasedSet></SetList>`;
    const elem = `<SetList ExclusiveSets="False"><GateBasedSet><ListID>3</ListID><Name>ratio</Name><Color>Blue</Color><Visible>true</Visible><GateCollection>
      <RectangleGate>
        <XAxis Type="RatioAxis"><Name>Total  FL Red / Total  FWS</Name><IsLog>true</IsLog>
          <AxisNumerator Type="SingleAxis"><Name>Total  FL Red</Name><IsLog>true</IsLog><ChannelType>FLRed</ChannelType><ChannelName>FL Red</ChannelName><Parameter>Total</Parameter></AxisNumerator>
          <AxisDenominator Type="SingleAxis"><Name>Total  FWS</Name><IsLog>true</IsLog><ChannelType>FWS</ChannelType><ChannelName>FWS</ChannelName><Parameter>Total</Parameter></AxisDenominator>
        </XAxis>
        <YAxis Type="SingleAxis"><Name>Maximum [mV] SWS</Name><IsLog>false</IsLog><ChannelType>SWS</ChannelType><ChannelName>SWS</ChannelName><Parameter>Maximum</Parameter></YAxis>
        <X>0,5</X><Y>10</Y><Width>2</Width><Height>1E+03</Height>
      </RectangleGate></GateCollection></GateBasedSet></SetList>`;
    const expected = {
      type: 'rectangle',
      xAxis: {
        type: 'ratio',
        name: 'Total  FL Red / Total  FWS',
        isLog: true,
        numerator: axis('FL Red', 'FLRed', 'Total', 'Total  FL Red'),
        denominator: axis('FWS', 'FWS', 'Total', 'Total  FWS'),
      },
      yAxis: axis('SWS', 'SWS', 'Maximum', 'Maximum [mV] SWS', false),
      x: 0.5,
      y: 10,
      width: 2,
      height: 1000,
    };
    for (const xml of [attr, elem]) {
      const r = parseSetDefinitions(utf8(xml));
      expect(r.issues).toEqual([]);
      expect(r.sets[0]?.gates).toEqual([expected]);
    }
  });

  it('other built-in set elements and a mixed file', () => {
    const xml = `<SetList><DefaultSet ListID="0" Name="Default (all)" Color="Gray" Visible="True" />
      <UnassignedParticlesSet ListID="1" Name="Unassigned" Color="White" Visible="False" />
      <SuccessFullyCroppedImagesSet ListID="2" Name="Cropped" Color="Green" Visible="True" />
      <FailedCropImagesSet><ListID>3</ListID><Name>Failed crop</Name><Color>ff102030</Color><Visible>true</Visible></FailedCropImagesSet></SetList>`;
    const r = parseSetDefinitions(utf8(xml));
    expect(r.issues).toEqual([]);
    expect(r.dialect).toBe('mixed');
    expect(r.exclusiveSets).toBeNull();
    expect(r.sets.map((s) => [s.kind, s.visible, s.color])).toEqual([
      ['default', true, 'Gray'],
      ['unassigned', false, 'White'],
      ['cropped-images', true, 'Green'],
      ['failed-crop-images', true, 'ff102030'],
    ]);
  });
});

describe('parseSetDefinitions — generated variants', () => {
  it('LF, no BOM, Windows-1252 bytes (µ in axis names), decimal commas in old coordinates', () => {
    const text = textOf(combinationsFile)
      .replace(/\r\n/g, '\n')
      .replace('<X>2.357034</X>', '<X>2,357034</X>')
      .replace('<RangeMin>20.95529</RangeMin>', '<RangeMin>20,95529</RangeMin>');
    const bytes = Uint8Array.from([...text].map((c) => c.charCodeAt(0) & 0xff)); // µ → 0xB5
    const r = parseSetDefinitions(bytes);
    expect(r.encoding).toBe('windows-1252');
    expect(r.issues).toEqual([]);
    const rect = gate0(byName(r.sets, 'Base Set 3'));
    expect(rect).toMatchObject({ type: 'rectangle', x: 2.357034 });
    if (rect.type === 'rectangle') expect(rect.xAxis.name).toBe('Length [µm] FWS');
    expect(gate0(byName(r.sets, 'Base Set 4'))).toMatchObject({ type: 'range', min: 20.95529, max: 33.45758 });
  });

  it('number reading', () => {
    expect(parseXmlNumber('3888.672')).toBe(3888.672);
    expect(parseXmlNumber(' 1E+03 ')).toBe(1000);
    expect(parseXmlNumber('1,5')).toBe(1.5);
    expect(parseXmlNumber('1.234,5')).toBeNull();
    expect(parseXmlNumber('-∞')).toBe(-Infinity);
    expect(parseXmlNumber('Infinity')).toBe(Infinity);
    expect(parseXmlNumber('')).toBeNull();
    expect(parseXmlNumber('NaN')).toBeNull();
  });
});

describe('parseSetDefinitions — broken inputs', () => {
  it('empty, junk, truncated XML and another XML file are refused', () => {
    expect(() => parseSetDefinitions(new Uint8Array(0))).toThrow(/empty file/);
    expect(() => parseSetDefinitions(Uint8Array.from({ length: 512 }, (_, i) => (i * 89 + 5) % 256))).toThrow(CurationError);
    const text = textOf(combinationsFile);
    let err: CurationError | undefined;
    try {
      parseSetDefinitions(utf8(text.slice(0, text.indexOf('<OrSet>'))));
    } catch (e) {
      err = e as CurationError;
    }
    expect(err?.code).toBe('invalid-input');
    expect(err?.message).toMatch(/^not a CytoClus set-definition file: malformed XML/);
    expect(() => parseSetDefinitions(readRealFixture('cyzfile-api/Misc/TestExportXml.c4e'))).toThrow(
      'not a CytoClus set-definition file: root element is <exportsettings>, expected <SetList>',
    );
  });

  it('unreadable gates are left out and their set marked incomplete', () => {
    const text = textOf(rectFile)
      .replace('<Width>6278.085</Width>', '<Width>wide</Width>')
      .replace('</SetList>', `<GateBasedSet ListID="2" Name="no channel" Color="Red" Visible="True"><GateCollection>
        <RangeGate><Axis IsLog="True" Type="SingleAxis" Parameter="Length" /><RangeMin>1</RangeMin><RangeMax>2</RangeMax></RangeGate>
        <RangeGate><Axis IsLog="True" Type="SingleAxis" ChannelType="SWS" Parameter="Length" /><RangeMin>1</RangeMin><RangeMax>2</RangeMax></RangeGate>
        <EllipseGate />
        <PolygonGate><XAxis Type="SingleAxis" ChannelName="FWS" Parameter="Total" IsLog="yes" /><YAxis ChannelName="SWS" Parameter="Total" IsLog="True" /><Path /></PolygonGate>
      </GateCollection></GateBasedSet></SetList>`);
    const r = parseSetDefinitions(utf8(text));
    expect(r.issues.map((i) => i.message)).toEqual([
      'set "Algae_Single_Rect_TotRedTotOr" (ListID 1): rectangle gate left out: RectangleGate Width "wide" is not a number',
      'set "no channel" (ListID 2): range gate left out: Axis has no ChannelName or ChannelType',
      'set "no channel" (ListID 2): EllipseGate gate left out: unknown gate element <EllipseGate>',
      'set "no channel" (ListID 2): polygon gate left out: XAxis IsLog "yes" is not true or false',
    ]);
    expect(byName(r.sets, 'Algae_Single_Rect_TotRedTotOr')).toMatchObject({ gates: [], complete: false });
    const partial = byName(r.sets, 'no channel');
    expect(partial.complete).toBe(false);
    expect(partial.gates).toEqual([{ type: 'range', axis: { type: 'single', name: null, isLog: true, channel: 'SWS', channelType: 'SWS', parameter: 'Length' }, min: 1, max: 2 }]);
    expect(byName(r.sets, 'Default (all)').complete).toBe(true);
  });

  it('empty-by-definition gates are kept with an issue', () => {
    const xml = `<SetList><GateBasedSet ListID="1" Name="odd" Color="Red" Visible="True"><GateCollection>
      <RangeGate><Axis IsLog="True" Type="SingleAxis" ChannelName="SWS" Parameter="Length" /><RangeMin>5</RangeMin><RangeMax>2</RangeMax></RangeGate>
      <RectangleGate X="1" Y="1" Width="-3" Height="2"><XAxis ChannelName="FWS" Parameter="Total" IsLog="True" /><YAxis ChannelName="SWS" Parameter="Total" IsLog="True" /></RectangleGate>
      <PolygonGate><XAxis ChannelName="FWS" Parameter="Total" IsLog="True" /><YAxis ChannelName="SWS" Parameter="Total" IsLog="True" /><Path><Point X="1" Y="1" /><Point X="2" Y="2" /></Path></PolygonGate>
    </GateCollection></GateBasedSet></SetList>`;
    const r = parseSetDefinitions(utf8(xml));
    expect(r.issues.map((i) => i.message)).toEqual([
      'set "odd" (ListID 1): range gate: RangeMin 5 is not below RangeMax 2, so the range contains nothing',
      'set "odd" (ListID 1): rectangle gate: Width -3 or Height 2 is not positive, so the rectangle contains nothing',
      'set "odd" (ListID 1): polygon gate: 2 points; a polygon needs at least 3 to contain anything',
    ]);
    expect(r.sets[0]?.gates.map((g) => g.type)).toEqual(['range', 'rectangle', 'polygon']);
    expect(r.sets[0]?.complete).toBe(true);
  });

  it('bad references, cycles, missing ListIDs, duplicates and unknown set elements', () => {
    const xml = `<SetList ExclusiveSets="maybe">
      <DefaultSet ListID="0" Name="Default (all)" Color="Gray" Visible="True" />
      <GateBasedSet Name="no id" Color="Red" Visible="True" />
      <GateBasedSet ListID="x" Name="bad id" />
      <OrSet ListID="1" Name="or" Color="0" Visible="True"><AutoSet>true</AutoSet><SetList><ListID>0</ListID><ListID>42</ListID><ListID>a</ListID></SetList></OrSet>
      <CombinedSet ListID="2" Name="loop a" Color="Red" Visible="True"><Set1ListID>3</Set1ListID><Set2ListID>0</Set2ListID><CombinationType>set1NOT2</CombinationType></CombinedSet>
      <CombinedSet ListID="3" Name="loop b" Color="Red" Visible="True"><Set1ListID>2</Set1ListID><CombinationType>set1XOR2</CombinationType></CombinedSet>
      <IndexBasedSet ListID="4" Name="hand-picked" Color="Red" Visible="True" />
      <DefaultSet ListID="0" Name="again" Color="Gray" Visible="True" />
      <Comment>not a set</Comment>
    </SetList>`;
    const r = parseSetDefinitions(utf8(xml));
    expect(r.exclusiveSets).toBeNull();
    expect(r.issues.map((i) => i.message)).toEqual([
      '"maybe" is not True or False',
      '<GateBasedSet> #2 "no id" has no readable ListID (missing); set skipped',
      '<GateBasedSet> #3 "bad id" has no readable ListID ("x"); set skipped',
      'set "or" (ListID 1): member ListID "a" is not a whole number',
      'set "loop b" (ListID 3): Set2ListID is missing',
      'set "loop b" (ListID 3): CombinationType "set1XOR2" is not set1AND2, set1OR2 or set1NOT2',
      'set "hand-picked" (ListID 4): unsupported set element <IndexBasedSet>; only its name is kept',
      'set "again" (ListID 0): ListID 0 is used by an earlier set too; references go to the first',
      '<Comment> #9 is not a set element; ignored',
      'set "or" (ListID 1): member ListID 42 matches no set',
      'sets refer to each other in a cycle: "loop a" → "loop b" → "loop a"',
    ]);
    expect(r.sets.map((s) => [s.name, s.kind, s.complete])).toEqual([
      ['Default (all)', 'default', true],
      ['or', 'or', false],
      ['loop a', 'combined', false],
      ['loop b', 'combined', false],
      ['hand-picked', 'unknown', false],
      ['again', 'default', true],
    ]);
    expect(byName(r.sets, 'or').members).toEqual([
      { listId: 0, name: 'Default (all)' },
      { listId: 42, name: null },
    ]);
    expect(byName(r.sets, 'or').color).toBeNull();
    expect(byName(r.sets, 'loop a').combinationType).toBe('set1NOT2');
    expect(byName(r.sets, 'loop b').combinationType).toBeNull();
  });
});
